console.log('hearth');
